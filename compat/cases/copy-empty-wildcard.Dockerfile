ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
# a wildcard that matches nothing is allowed next to a source that matches (BuildKit: AllowEmptyWildcard)
COPY a.txt nomatch*.txt /dst/

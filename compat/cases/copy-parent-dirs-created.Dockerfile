ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
COPY a.txt /deep/er/path/

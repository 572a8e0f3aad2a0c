ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
COPY *.txt /globs/

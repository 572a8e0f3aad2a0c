ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
COPY a.txt /etc

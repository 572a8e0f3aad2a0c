ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
COPY dir /dst/

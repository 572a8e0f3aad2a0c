ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
COPY link /l/

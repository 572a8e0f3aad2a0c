ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
COPY hl /hl/

ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
COPY symdir /sd/

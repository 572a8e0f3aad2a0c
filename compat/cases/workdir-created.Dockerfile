ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
WORKDIR /a/b/c
RUN pwd > /pwd

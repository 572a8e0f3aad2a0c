ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
COPY . /ctx/

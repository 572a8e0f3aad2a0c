ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
CMD echo hello

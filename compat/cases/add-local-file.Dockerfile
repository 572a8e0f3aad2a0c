ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
ADD a.txt dir /added/

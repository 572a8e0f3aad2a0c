ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
ADD arch.tar.xz /t/

ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
ADD arch.tar.zst /t/

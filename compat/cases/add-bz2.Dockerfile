ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
ADD arch.tar.bz2 /t/

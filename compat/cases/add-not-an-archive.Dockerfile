ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
ADD fake.tar.gz /f/

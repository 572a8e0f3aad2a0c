ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
SHELL ["/bin/sh", "-ec"]
RUN echo shell > /shell

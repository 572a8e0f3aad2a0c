ARG REGISTRY
FROM ${REGISTRY}/busybox:latest AS broken
RUN exit 3
FROM ${REGISTRY}/busybox:latest AS ok
RUN echo ok > /ok

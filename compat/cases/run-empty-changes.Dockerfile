ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
RUN true
RUN echo > /x && rm /x

ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
RUN rm /bin/ls && rm -rf /tmp

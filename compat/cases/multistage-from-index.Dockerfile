ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
RUN echo zero > /zero
FROM ${REGISTRY}/busybox:latest
COPY --from=0 /zero /

ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
ARG REGISTRY
COPY --from=${REGISTRY}/busybox:latest /bin/busybox /bb

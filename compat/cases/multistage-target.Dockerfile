# compat-args: --target mid
ARG REGISTRY
FROM ${REGISTRY}/busybox:latest AS mid
RUN echo mid > /mid
FROM mid
RUN exit 4

# compat-args: --target a --target b
ARG REGISTRY
FROM ${REGISTRY}/busybox:latest AS a
RUN echo a > /a
FROM ${REGISTRY}/busybox:latest AS b
RUN echo b > /b
FROM b
RUN exit 5

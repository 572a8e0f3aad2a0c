ARG REGISTRY
FROM ${REGISTRY}/busybox:latest AS base
ONBUILD COPY a.txt /onbuild-a
FROM base
RUN [ "$(cat /onbuild-a)" = alpha ]

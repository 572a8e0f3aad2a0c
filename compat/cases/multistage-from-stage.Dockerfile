ARG REGISTRY
FROM ${REGISTRY}/busybox:latest AS base
RUN echo base > /base
FROM base AS mid
RUN echo mid > /mid
FROM mid
RUN cat /base /mid > /both

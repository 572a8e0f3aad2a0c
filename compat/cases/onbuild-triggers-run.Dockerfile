ARG REGISTRY
FROM ${REGISTRY}/busybox:latest AS base
ONBUILD RUN echo triggered > /t
ONBUILD ENV T=1
FROM base
RUN cat /t > /t2

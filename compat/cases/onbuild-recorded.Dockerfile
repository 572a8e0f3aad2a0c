ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
ONBUILD RUN echo triggered > /t
ONBUILD ENV T=1

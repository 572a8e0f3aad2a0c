ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
COPY --chmod=600 a.txt /m/
COPY --chmod=0750 dir /md/

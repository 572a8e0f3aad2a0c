# compat-args: --build-arg URL=$URL_BASE/remote.txt
ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
ARG URL
ADD $URL /dl/

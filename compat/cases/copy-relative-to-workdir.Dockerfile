ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
WORKDIR /w
COPY a.txt rel/
COPY b.txt .

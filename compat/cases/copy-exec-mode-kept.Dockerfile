ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
COPY exec.sh private.txt /modes/

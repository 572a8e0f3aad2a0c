ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
RUN ["/bin/sh", "-c", "echo exec > /exec"]

ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
# an archive is unpacked into the destination even without a trailing slash
ADD arch.tar /unpacked

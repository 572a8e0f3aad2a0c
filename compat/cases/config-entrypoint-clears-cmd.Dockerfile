ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
CMD ["a"]
ENTRYPOINT ["/bin/echo"]

ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
# BuildKit (since 0.15) parses JSON forms with json.Unmarshal: text after the array makes the whole line shell form
ENTRYPOINT ["echo", "x"] # comment
CMD ["y"] trailing

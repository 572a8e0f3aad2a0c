ARG REGISTRY
FROM ${REGISTRY}/busybox:latest AS bb
FROM scratch
COPY --from=bb /bin/busybox /bin/busybox
# no /etc/passwd: ids, and root with a group, need no user database (BuildKit's ParseUIDGID fast path);
# buildah 1.28 refuses USER root:root here ("unknown user"), so this case checks itself
USER 0
RUN ["/bin/busybox", "sh", "-c", "[ \"$(/bin/busybox id -u):$(/bin/busybox id -g)\" = 0:0 ]"]
USER root:root
RUN ["/bin/busybox", "sh", "-c", "[ \"$(/bin/busybox id -u):$(/bin/busybox id -g)\" = 0:0 ]"]
USER 1000:root
RUN ["/bin/busybox", "sh", "-c", "[ \"$(/bin/busybox id -u):$(/bin/busybox id -g)\" = 1000:0 ]"]
USER 0:0
RUN ["/bin/busybox", "sh", "-c", "[ \"$(/bin/busybox id -u):$(/bin/busybox id -g)\" = 0:0 ]"]

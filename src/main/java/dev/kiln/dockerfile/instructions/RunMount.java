package dev.kiln.dockerfile.instructions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One parsed {@code RUN --mount=…} (BuildKit {@code instructions.Mount}), values expanded. Null means not given.
 *
 * @param type      bind (default), cache, tmpfs, secret or ssh
 * @param from      stage or image to mount from (bind, cache)
 * @param source    path in {@code from} / the context (bind, cache), or the secret id (secret)
 * @param target    mount point (may be relative: to the working directory)
 * @param readOnly  the effective read-only flag (default: read-only for bind, secret and ssh)
 * @param required  fail when the secret / ssh agent is not provided
 * @param id        cache id, secret id or ssh id
 * @param sharing   cache sharing mode
 * @param mode      file mode (octal in the Dockerfile) for cache, secret and ssh
 * @param uid       owner for cache, secret and ssh
 * @param gid       group for cache, secret and ssh
 * @param sizeLimit tmpfs size in bytes, 0 = unlimited
 * @param env       environment variable to expose a secret as
 */
public record RunMount(Type type, String from, String source, String target, boolean readOnly, boolean required,
                       String id, Sharing sharing, Integer mode, Long uid, Long gid, long sizeLimit, String env) {

    public enum Type { BIND, CACHE, TMPFS, SECRET, SSH;
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Sharing { SHARED, PRIVATE, LOCKED;
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public RunMount {
        if (type == null) throw new IllegalArgumentException("mount type is required");
        if (sizeLimit < 0) throw new IllegalArgumentException("negative tmpfs size " + sizeLimit);
    }

    /** The canonical {@code key=value,…} form (for plans and logs; never holds secret values, only ids). */
    public String spec() {
        List<String> f = new ArrayList<>();
        f.add("type=" + type.id());
        if (from != null) f.add("from=" + from);
        if (source != null) f.add("source=" + source);
        if (target != null) f.add("target=" + target);
        if (id != null) f.add("id=" + id);
        if (sharing != null) f.add("sharing=" + sharing.id());
        if (mode != null) f.add("mode=0" + Integer.toOctalString(mode));
        if (uid != null) f.add("uid=" + uid);
        if (gid != null) f.add("gid=" + gid);
        if (sizeLimit > 0) f.add("size=" + sizeLimit);
        if (env != null) f.add("env=" + env);
        if (required) f.add("required");
        f.add(readOnly ? "ro" : "rw");
        return String.join(",", f);
    }
}

package dev.callq.bench.env;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a Redis server listens and how to log in to it, as users write it:
 * {@code host:port}, {@code redis://[user:password@]host:port[/db]}, {@code rediss://…} (TLS) or
 * {@code redis-sentinel://[user:password@]host:port[,host:port…]/mastername[/db]}.
 * Its {@link #toString()} never shows the password: it is what every message and file may print.
 *
 * @param kind       plain TCP, TLS, or a master found through Sentinel
 * @param nodes      the server, or the sentinels to ask for the master
 * @param masterName the Sentinel master's name, or null
 * @param user       the ACL user, or null for the default user
 * @param password   the password, or null for none
 * @param database   the logical database to select
 * @param caFile     the CA certificate (PEM) a TLS server's certificate must chain to, or null for the JVM's
 */
public record RedisEndpoint(Kind kind, List<Address> nodes, String masterName, String user, String password,
                            int database, Path caFile) {
    public enum Kind { PLAIN, TLS, SENTINEL }

    /** One host and port. */
    public record Address(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** The credentials of any URL in a text: {@code scheme://user:secret@} keeps only its user. */
    private static final Pattern URL_PASSWORD = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://(?:([^:@/\\s]*):)?\\S*@");
    private static final String MASK = "***";

    public RedisEndpoint {
        Objects.requireNonNull(kind, "kind");
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a Redis endpoint needs at least one host:port");
        }
        if ((kind == Kind.SENTINEL) != (masterName != null)) {
            throw new IllegalArgumentException("a Sentinel endpoint, and only one, names its master");
        }
    }

    /** A server without password, TLS or database, as the harness starts it. */
    public RedisEndpoint(String host, int port) {
        this(Kind.PLAIN, List.of(new Address(host, port)), null, null, null, 0, null);
    }

    /**
     * Parses {@code --redis}. A failure message shows the text with its password masked, never the
     * password itself.
     */
    public static RedisEndpoint parse(String text) {
        String shown = mask(text);
        int schemeEnd = text.indexOf("://");
        if (schemeEnd < 0) {
            Address address = address(text, shown);
            return new RedisEndpoint(address.host(), address.port());
        }
        Kind kind = switch (text.substring(0, schemeEnd)) {
            case "redis" -> Kind.PLAIN;
            case "rediss" -> Kind.TLS;
            case "redis-sentinel" -> Kind.SENTINEL;
            default -> throw new IllegalArgumentException("--redis must start with redis://, rediss:// or "
                    + "redis-sentinel://, or be host:port; not '" + shown + "'");
        };
        String rest = text.substring(schemeEnd + 3);
        int at = rest.lastIndexOf('@');
        String user = null;
        String password = null;
        if (at >= 0) {
            String credentials = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = credentials.indexOf(':');
            user = decode(colon < 0 ? credentials : credentials.substring(0, colon), shown);
            password = colon < 0 ? null : decode(credentials.substring(colon + 1), shown);
            if (user.isEmpty()) {
                user = null;
            }
            if (colon < 0) {
                // redis://secret@host, as redis-cli and Lettuce read it: a lone credential is the password.
                password = user;
                user = null;
            }
        }
        String[] parts = rest.split("/", -1);
        List<Address> nodes = new ArrayList<>();
        for (String node : parts[0].split(",")) {
            nodes.add(address(node, shown));
        }
        String masterName = null;
        int next = 1;
        if (kind == Kind.SENTINEL) {
            if (parts.length < 2 || parts[1].isEmpty()) {
                throw new IllegalArgumentException("--redis redis-sentinel:// needs the master's name: "
                        + "redis-sentinel://host:port[,host:port]/mastername; not '" + shown + "'");
            }
            masterName = parts[1];
            next = 2;
        } else if (nodes.size() > 1) {
            throw new IllegalArgumentException("--redis lists several hosts only with redis-sentinel://; not '"
                    + shown + "'");
        }
        int database = 0;
        if (parts.length > next && !parts[next].isEmpty()) {
            try {
                database = Integer.parseInt(parts[next]);
            } catch (NumberFormatException e) {
                database = -1;
            }
            if (database < 0) {
                throw new IllegalArgumentException("--redis database must be a number 0 or above, not '"
                        + parts[next] + "' in '" + shown + "'");
            }
        }
        if (parts.length > next + 1) {
            throw new IllegalArgumentException("--redis has more path than /db; not '" + shown + "'");
        }
        return new RedisEndpoint(kind, nodes, masterName, user, password, database, null);
    }

    private static Address address(String text, String shown) {
        try {
            URI uri = new URI("redis://" + text);
            if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535 || uri.getRawPath().length() > 0
                    || uri.getRawUserInfo() != null) {
                throw new URISyntaxException(text, "not host:port");
            }
            String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                    : uri.getHost();
            return new Address(host, uri.getPort());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--redis must be host:port or a redis:// URL, not '" + shown + "'");
        }
    }

    private static String decode(String text, String shown) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--redis has a bad %-escape in its user or password: '" + shown + "'");
        }
    }

    /** The text with the password of every URL in it (a mistyped scheme included) replaced by {@code ***}. */
    public static String mask(String text) {
        return text == null ? null : URL_PASSWORD.matcher(text).replaceAll("$1://$2:" + MASK + "@");
    }

    /** The same endpoint, its TLS certificates checked against {@code caFile}. */
    public RedisEndpoint withCaFile(Path caFile) {
        return new RedisEndpoint(kind, nodes, masterName, user, password, database, caFile);
    }

    /** The same credentials and database on the master a Sentinel named. */
    public RedisEndpoint onMaster(Address master) {
        return new RedisEndpoint(Kind.PLAIN, List.of(master), null, user, password, database, caFile);
    }

    /** The same endpoint and password for the default user, as clients that send AUTH password log in. */
    public RedisEndpoint asDefaultUser() {
        return new RedisEndpoint(kind, nodes, masterName, null, password, database, caFile);
    }

    /** The server's host; for Sentinel, the first sentinel's. */
    public String host() {
        return nodes.get(0).host();
    }

    /** The server's port; for Sentinel, the first sentinel's. */
    public int port() {
        return nodes.get(0).port();
    }

    public boolean tls() {
        return kind == Kind.TLS;
    }

    public boolean hasPassword() {
        return password != null;
    }

    /** The user to authenticate as, {@code default} unless the URL names one. */
    public String userName() {
        return user != null ? user : "default";
    }

    /**
     * {@code host:port} for a plain server without login or database (as it always printed), otherwise
     * the URL with {@code ***} for the password.
     */
    @Override
    public String toString() {
        return url(MASK);
    }

    /**
     * The URL {@link #parse} reads back into this endpoint (but its CA file), password included: only
     * for a child process's private environment, never for a message or a file.
     */
    public String urlWithPassword() {
        return url(password == null ? null : encode(password));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String url(String shownPassword) {
        if (kind == Kind.PLAIN && user == null && password == null && database == 0) {
            return nodes.get(0).toString();
        }
        StringBuilder url = new StringBuilder(switch (kind) {
            case PLAIN -> "redis://";
            case TLS -> "rediss://";
            case SENTINEL -> "redis-sentinel://";
        });
        if (user != null || password != null) {
            url.append(user != null ? encode(user) : "").append(password != null ? ":" + shownPassword : "").append('@');
        }
        url.append(String.join(",", nodes.stream().map(Address::toString).toList()));
        if (masterName != null) {
            url.append('/').append(masterName);
        }
        if (database != 0) {
            url.append('/').append(database);
        }
        return url.toString();
    }
}

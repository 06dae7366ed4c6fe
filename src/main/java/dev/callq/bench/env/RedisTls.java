package dev.callq.bench.env;

import dev.callq.bench.HarnessException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

/** The TLS trust every connection to a {@code rediss://} server uses: the JVM's, or one CA file's. */
public final class RedisTls {
    private RedisTls() {
    }

    /** A context trusting the certificates in {@code caFile} (PEM), or the JVM's defaults when it is null. */
    public static SSLContext context(Path caFile) {
        try {
            if (caFile == null) {
                return SSLContext.getDefault();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(caFile), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new HarnessException("cannot set up TLS with " + caFile + ": " + e.getMessage(), e);
        }
    }

    private static javax.net.ssl.TrustManager[] trustManagers(Path caFile) throws GeneralSecurityException {
        return trustManagerFactory(caFile).getTrustManagers();
    }

    /** Trust in the certificates in {@code caFile} (PEM), for a client that takes a factory rather than a context. */
    public static TrustManagerFactory trustManagerFactory(Path caFile) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(caFile)) {
            store.load(null, null);
            int index = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + index++, certificate);
            }
            if (index == 0) {
                throw new HarnessException("--redis-ca " + caFile + " holds no certificate");
            }
        } catch (IOException e) {
            throw new HarnessException("cannot read --redis-ca " + caFile + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new HarnessException("--redis-ca " + caFile + " is not a PEM certificate: " + e.getMessage(), e);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory;
    }

    /** The parameters with the server's name checked against its certificate, as HTTPS does. */
    public static SSLParameters verifyingHostName(SSLParameters parameters) {
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }
}

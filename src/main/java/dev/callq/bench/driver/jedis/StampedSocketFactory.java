package dev.callq.bench.driver.jedis;

import dev.callq.bench.driver.ReplyStamp;
import redis.clients.jedis.JedisSocketFactory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.function.Supplier;

/**
 * Opens Jedis's sockets as Jedis would, and marks a {@link ReplyStamp} when a read returns bytes: the
 * moment the worker's own thread, blocked in the read, sees its reply. One volatile read per read call
 * (Jedis reads through an 8 KiB buffer), one clock reading per reply.
 */
final class StampedSocketFactory implements JedisSocketFactory {
    private final JedisSocketFactory delegate;
    private final Supplier<ReplyStamp> stamp;

    StampedSocketFactory(JedisSocketFactory delegate, ReplyStamp stamp) {
        this(delegate, () -> stamp);
    }

    /**
     * Sockets that mark whichever stamp {@code stamp} names at each read (null: none), for a pool's
     * connections, which serve a different worker from one command to the next.
     */
    StampedSocketFactory(JedisSocketFactory delegate, Supplier<ReplyStamp> stamp) {
        this.delegate = delegate;
        this.stamp = stamp;
    }

    @Override
    public Socket createSocket() {
        return new StampedSocket(delegate.createSocket(), stamp);
    }

    /** The opened socket, with a stamping input stream; every method Jedis's Connection calls is passed on. */
    private static final class StampedSocket extends Socket {
        private final Socket socket;
        private final Supplier<ReplyStamp> stamp;

        StampedSocket(Socket socket, Supplier<ReplyStamp> stamp) {
            this.socket = socket;
            this.stamp = stamp;
        }

        private void arrived() {
            ReplyStamp target = stamp.get();
            if (target != null) {
                target.bytesArrived();
            }
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return new FilterInputStream(socket.getInputStream()) {
                @Override
                public int read() throws IOException {
                    int read = super.read();
                    if (read >= 0) {
                        arrived();
                    }
                    return read;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int read = super.read(buffer, offset, length);
                    if (read > 0) {
                        arrived();
                    }
                    return read;
                }
            };
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            return socket.getOutputStream();
        }

        @Override
        public synchronized void close() throws IOException {
            socket.close();
        }

        @Override
        public boolean isBound() {
            return socket.isBound();
        }

        @Override
        public boolean isClosed() {
            return socket.isClosed();
        }

        @Override
        public boolean isConnected() {
            return socket.isConnected();
        }

        @Override
        public boolean isInputShutdown() {
            return socket.isInputShutdown();
        }

        @Override
        public boolean isOutputShutdown() {
            return socket.isOutputShutdown();
        }

        @Override
        public void shutdownInput() throws IOException {
            socket.shutdownInput();
        }

        @Override
        public void shutdownOutput() throws IOException {
            socket.shutdownOutput();
        }

        @Override
        public synchronized int getSoTimeout() throws SocketException {
            return socket.getSoTimeout();
        }

        @Override
        public synchronized void setSoTimeout(int timeoutMillis) throws SocketException {
            socket.setSoTimeout(timeoutMillis);
        }

        @Override
        public SocketAddress getRemoteSocketAddress() {
            return socket.getRemoteSocketAddress();
        }

        @Override
        public SocketAddress getLocalSocketAddress() {
            return socket.getLocalSocketAddress();
        }

        @Override
        public String toString() {
            return socket.toString();
        }
    }
}

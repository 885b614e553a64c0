package fr.mairie.enginenode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch node on loopback, for the tests and development only: HTTP on 127.0.0.1:9200
 * (override with -Dhttp.port=N), security off, the analysis plugins loaded from the classpath, the
 * data in a temporary folder removed on exit. Stops cleanly on SIGTERM or Ctrl-C.
 */
public final class EngineNode {

    private static final List<Class<? extends Plugin>> PLUGINS = List.of(Netty4Plugin.class, CommonAnalysisPlugin.class);

    /** Node's constructor taking plugin classes is protected: OpenSearch's own tests subclass it too. */
    private static final class ClasspathNode extends Node {
        ClasspathNode(Environment environment) {
            super(environment, PLUGINS, true);
        }
    }

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("intranet-opensearch-");
        Settings settings = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", "intranet-tests")
            .put("node.name", "engine-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", System.getProperty("http.port", "9200"))
            .put("transport.port", System.getProperty("transport.port", "9300"))
            .put("http.type", "netty4")
            .put("transport.type", "netty4")
            .put("discovery.type", "single-node")
            // A shared machine's disk may be fuller than the watermarks: never refuse a shard for it.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();
        Node node = new ClasspathNode(InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "engine-node"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(30, TimeUnit.SECONDS);
                deleteTree(home);
            } catch (IOException | InterruptedException error) {
                System.err.println("engine-node: " + error);
            } finally {
                stopped.countDown();
            }
        }, "engine-node-stop"));
        node.start();
        System.out.println("engine-node: OpenSearch listening on http://127.0.0.1:" + settings.get("http.port") + " (data in " + home + ")");
        stopped.await();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}

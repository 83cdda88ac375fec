package org.gongjian.ids;

import io.hypersistence.tsid.TSID;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.security.SecureRandom;

/**
 * Creates unique 64-bit ids that sort by creation time: 42 bits of milliseconds, 10 bits of node
 * id, 12 bits of counter. Each app node of a cluster needs its own {@code gongjian.node-id}
 * (0–1023); a random one is chosen when none is configured, which is fine for a single node.
 */
@Singleton
public final class IdGenerator {

    private final TSID.Factory factory;

    public IdGenerator(@Value("${gongjian.node-id:-1}") int nodeId) {
        int node = nodeId >= 0 ? nodeId : new SecureRandom().nextInt(1024);
        if (node > 1023) {
            throw new IllegalArgumentException("gongjian.node-id must be between 0 and 1023, was " + nodeId);
        }
        this.factory = TSID.Factory.builder().withNodeBits(10).withNode(node).build();
    }

    public long next() {
        return factory.generate().toLong();
    }
}

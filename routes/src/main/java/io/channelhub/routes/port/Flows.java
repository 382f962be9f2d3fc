package io.channelhub.routes.port;

/**
 * Translates between a flow and the name of the queue that carries it, for what is kept as data: a dead letter
 * records its queue's name (the contract's {@code originalQueue}) and is later replayed into its flow. The
 * routes own the mapping.
 */
public interface Flows {
    Flow flowOf(String queue);

    String queueOf(Flow flow);
}

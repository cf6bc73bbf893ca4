package aistudioproxy.tier;

/** Where a tier sends its deltas, in order, from whichever thread it runs on. */
@FunctionalInterface
public interface DeltaSink {
    void accept(Delta delta);
}

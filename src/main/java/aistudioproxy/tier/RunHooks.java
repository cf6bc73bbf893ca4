package aistudioproxy.tier;

/**
 * What the tiers need done around the page's run of a prompt, whichever tier starts it: the
 * chain calls every tier's {@link Tier#beforePage} and {@link Tier#beforeClick}.
 */
public interface RunHooks {
    /** Before the page is touched; may wait (the stream proxy, the browser's HTTP proxy, coming back) or refuse. */
    void beforePage() throws TierException, InterruptedException;

    /** On the page's thread, right before Run is clicked: after every earlier request of the page, before this run's. */
    void beforeClick();

    RunHooks NONE = new RunHooks() {
        @Override
        public void beforePage() {}

        @Override
        public void beforeClick() {}
    };
}

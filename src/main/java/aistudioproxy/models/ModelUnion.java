package aistudioproxy.models;

import aistudioproxy.chat.ModelCatalog;
import aistudioproxy.chat.ModelInfo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The models every account together offers, for the model lists and the model check: each
 * account's page loads its own list (accounts may differ), and a model any of them has is
 * offered, in the first account's order, then the others' extras. Dispatch sends a request only
 * to an account that has its model ({@link #serves}).
 */
public final class ModelUnion implements ModelCatalog {
    private final List<ModelRegistry> accounts;

    public ModelUnion(List<ModelRegistry> accounts) {
        this.accounts = List.copyOf(accounts);
    }

    @Override
    public List<ModelInfo> models() {
        if (accounts.size() == 1) return accounts.getFirst().models();
        List<ModelInfo> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ModelRegistry r : accounts) for (ModelInfo m : r.models()) if (seen.add(m.id())) out.add(m);
        return out;
    }

    /** True once some account's list came from AI Studio. */
    public boolean fromPage() {
        return accounts.stream().anyMatch(ModelRegistry::fromPage);
    }

    /**
     * Whether one account can serve {@code model}: it is in the list its page loaded; before its
     * page has loaded one, every model is taken to be (the built-in list is a guess, not a refusal).
     */
    public static boolean serves(ModelRegistry account, String model) {
        return !account.fromPage() || account.find(model).isPresent();
    }
}

package aistudioproxy.chat;

import java.util.List;
import java.util.Optional;

/** The models clients may ask for. */
public interface ModelCatalog {
    /** Models currently offered, exclusions already applied. */
    List<ModelInfo> models();

    default Optional<ModelInfo> find(String id) {
        return models().stream().filter(m -> m.id().equals(id)).findFirst();
    }
}

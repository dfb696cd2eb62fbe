package lodestone.store;

/** The store cannot be opened or used: the message says what is wrong and what to do. */
public final class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

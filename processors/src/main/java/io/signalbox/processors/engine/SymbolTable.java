package io.signalbox.processors.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Symbols by their bytes, found without creating objects: the last symbol found is checked first, then an
 * open-addressing table keyed by a hash of the bytes.
 */
final class SymbolTable {

    private SymbolState[] slots = new SymbolState[64];
    private final List<SymbolState> inOrder = new ArrayList<>();
    private SymbolState last;

    SymbolState find(byte[] bytes, int from, int to) {
        SymbolState recent = last;
        if (recent != null && Arrays.equals(recent.key, 0, recent.key.length, bytes, from, to)) {
            return recent;
        }
        int hash = hash(bytes, from, to);
        int mask = slots.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            SymbolState state = slots[i];
            if (state == null) {
                return null;
            }
            if (state.hash == hash && Arrays.equals(state.key, 0, state.key.length, bytes, from, to)) {
                last = state;
                return state;
            }
        }
    }

    void add(SymbolState state) {
        if ((inOrder.size() + 1) * 2 > slots.length) {
            SymbolState[] old = slots;
            slots = new SymbolState[old.length * 2];
            for (SymbolState s : old) {
                if (s != null) {
                    insert(s);
                }
            }
        }
        insert(state);
        inOrder.add(state);
        last = state;
    }

    private void insert(SymbolState state) {
        int mask = slots.length - 1;
        int i = state.hash & mask;
        while (slots[i] != null) {
            i = (i + 1) & mask;
        }
        slots[i] = state;
    }

    int size() {
        return inOrder.size();
    }

    List<SymbolState> inOrder() {
        return inOrder;
    }

    static int hash(byte[] bytes, int from, int to) {
        int h = 0x811c9dc5;
        for (int i = from; i < to; i++) {
            h = (h ^ bytes[i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }
}

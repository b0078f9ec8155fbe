package io.signalbox.routes.ingest;

import java.util.List;

/**
 * Where a dropped file's job finds its files in the inbox and where its own copies go.
 *
 * @param dataFile the data file, in the version its event announced
 * @param dataFileName the data file's name as the partner knows it, for messages
 * @param inputKey where the job's copy of the data file goes
 * @param signals the names its signals sidecar may have, in the order they are looked for; the first found is taken
 * @param signalsKey where the job's copy of the signals sidecar goes
 * @param recipe its recipe sidecar
 */
public record DropFiles(InboxObject dataFile, String dataFileName, String inputKey, List<Sidecar> signals,
        String signalsKey, Sidecar recipe) {

    public DropFiles {
        signals = List.copyOf(signals);
    }
}

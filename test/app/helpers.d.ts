import type { DialogPort, UnsavedChoice } from '../../app/main/document.ts';
export declare const examplePath: string;
export declare const exampleText: () => Promise<string>;
/** A fresh folder under the system temp dir, removed after the test. */
export declare function tempDir(): Promise<string>;
/** Dialogs that answer from queues and record what was shown. */
export declare class ScriptedDialogs implements DialogPort {
    openPaths: (string | null)[];
    savePaths: (string | null)[];
    unsavedChoices: UnsavedChoice[];
    restoreAnswers: boolean[];
    readonly errors: string[];
    readonly asked: string[];
    readonly saveDefaults: string[];
    chooseOpenPath(): Promise<string | null>;
    chooseSavePath(defaultPath: string): Promise<string | null>;
    askUnsaved(name: string): Promise<UnsavedChoice>;
    askRestore(name: string): Promise<boolean>;
    showError(message: string): Promise<void>;
}

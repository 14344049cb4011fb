export declare const DIST: string;
export declare const STAMP: string;
export declare function bundleIsCurrent(): boolean;

// The part of sax (isaacs/sax-js, no types of its own) that multistatusStream.ts uses: the strict parser with
// namespace resolution (`xmlns: true`), whose open tags carry their namespace URI and local name.
declare module 'sax' {
  export interface QualifiedTag {
    readonly name: string;
    readonly prefix: string;
    readonly local: string;
    readonly uri: string;
  }
  export interface SAXOptions {
    xmlns?: boolean;
    trim?: boolean;
    normalize?: boolean;
    position?: boolean;
  }
  export interface SAXParser {
    onopentag: (tag: QualifiedTag) => void;
    onclosetag: (name: string) => void;
    ontext: (text: string) => void;
    oncdata: (text: string) => void;
    onerror: (e: Error) => void;
    write(chunk: string): SAXParser;
    close(): SAXParser;
  }
  export function parser(strict: boolean, opts?: SAXOptions): SAXParser;
  const sax: { parser: typeof parser };
  export default sax;
}

import Foundation

/// Reading whole files as bytes, with errors that name the file.
public enum FileBytes {
    public static func read(_ path: String) throws(InputError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                throw InputError(file: path, message: isDirectory.boolValue ? "is a folder, not a file" : "cannot be read (permission denied?)")
            }
            throw InputError(file: path, message: "no such file")
        }
        return [UInt8](data)
    }

    public static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }
}

rootProject.name = "ai-server-client"
